import type { Problem } from '../../problem';
import { parseSeriesSelector } from '../../ruletest/seriesNotation';
import { getValue, items, type AstNode } from '../../syntax/ast';
import { innerProblem, nodeProblem, scalarText } from './positions';
import { MAX_VALUES_TEXT, valuesSummary } from './valuesSummary';

export interface SeriesFindings {
  problems: Problem[];
  /** The step of the latest sample over all input series; undefined when a series did not parse or none has one. */
  lastSample?: number;
}

/** Checks the `series` and `values` of a test group's `input_series`, as promtool's loader parses them. */
export function checkInputSeries(testGroup: AstNode, docText: string): SeriesFindings {
  const problems: Problem[] = [];
  let lastSample = -1;
  let known = true;
  for (const entry of items(getValue(testGroup, 'input_series'))) {
    const series = getValue(entry, 'series');
    const seriesText = scalarText(series);
    if (series && seriesText !== undefined) {
      for (const p of parseSeriesSelector(seriesText).problems) {
        problems.push(innerProblem(series, docText, p.from, p.to, 'ruletests/invalid-series', p.message));
      }
    }
    const values = getValue(entry, 'values');
    const valuesText = scalarText(values);
    if (!values || valuesText === undefined) {
      continue;
    }
    if (valuesText.length > MAX_VALUES_TEXT) {
      problems.push(
        nodeProblem(values, 'ruletests/values-too-long', `These values are ${valuesText.length} characters long; the editor checks values up to ${MAX_VALUES_TEXT} characters.`, 'info'),
      );
      known = false;
      continue;
    }
    const summary = valuesSummary(valuesText);
    if (summary.problem) {
      const { from, to, code, message } = summary.problem;
      problems.push(innerProblem(values, docText, from, to, code, message));
      known = false;
    }
    lastSample = Math.max(lastSample, summary.lastSample);
  }
  return { problems, lastSample: known && lastSample >= 0 ? lastSample : undefined };
}
