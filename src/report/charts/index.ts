/** The report's charts, in reading order. */
import type { ReportChart } from '../chart-context.ts';
import { equityOverTime } from './equity-over-time.ts';
import { pairedDifference } from './paired-difference.ts';
import { marginByPool } from './margin-by-pool.ts';
import { poolShare } from './pool-share.ts';
import { clvDistribution } from './clv-distribution.ts';
import { retention } from './retention.ts';
import { serviceProfitChain } from './service-profit-chain.ts';
import { cxSpend } from './cx-spend.ts';
import { waterfall } from './waterfall.ts';
import { horizonRobustnessChart } from './horizon-robustness.ts';

export const CHARTS: ReportChart[] = [equityOverTime, horizonRobustnessChart, pairedDifference, waterfall, marginByPool, poolShare, clvDistribution, retention, serviceProfitChain, cxSpend];
