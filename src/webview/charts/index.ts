// The lab's charts, in the order the panel shows them.
import { componentsChart } from './components';
import { lossChart } from './loss';
import type { ChartDef } from './model';
import { reconstructionChart } from './reconstruction';
import { reducedRankChart } from './reducedRank';
import { staircaseChart } from './staircase';

export const CHARTS: ChartDef[] = [staircaseChart, componentsChart, lossChart, reconstructionChart, reducedRankChart];
