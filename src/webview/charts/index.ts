// The lab's charts, in the order the panel shows them (a chart whose `applies` is false is hidden).
import { componentsChart } from './components';
import { heatmapChart } from './heatmap';
import { lossChart } from './loss';
import type { ChartDef } from './model';
import { reconstructionChart } from './reconstruction';
import { reducedRankChart } from './reducedRank';
import { singularValuesChart } from './singularValues';
import { staircaseChart } from './staircase';
import { sweepChart } from './sweep';

export const CHARTS: ChartDef[] = [staircaseChart, componentsChart, singularValuesChart, lossChart, reconstructionChart, reducedRankChart, sweepChart, heatmapChart];
