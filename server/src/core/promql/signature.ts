/**
 * Signature help: inside the parentheses of a function call or an aggregation, which signature applies and which
 * parameter the caret is on. Works on half-written text (completeStructure.ts), so it helps while typing.
 */
import { aggregationSignature, functionParameters } from './completeDocs';
import { scan, tokenIndexAt } from './completeScan';
import { analyzeStructure, type Frame } from './completeStructure';
import { getAggregation, getFunction, signature } from './functions';
import type { AggregationInfo, FunctionInfo } from './types';

export interface PromQLParameter {
  /** A substring of the signature's label. */
  label: string;
  documentation: string;
}

export interface PromQLSignatureHelp {
  label: string;
  parameters: PromQLParameter[];
  /** May equal `parameters.length` or more when too many arguments are written (nothing is highlighted then). */
  activeParameter: number;
  /** Markdown. */
  documentation: string;
}

const WORDS: Record<string, string> = { scalar: 'scalar', string: 'string' };

export function signatureHelp(text: string, offset: number): PromQLSignatureHelp | undefined {
  const tokens = scan(text);
  // Tokens that end at or before the caret; a string the caret is inside comes after it.
  const s = analyzeStructure(tokens, tokenIndexAt(tokens, offset));
  const frame = innermostCall(s.open);
  if (!frame) {
    return undefined;
  }
  if (frame.role === 'call') {
    const f = getFunction(frame.name ?? '');
    return f ? functionHelp(f, frame.commas) : undefined;
  }
  const a = getAggregation(frame.name ?? '');
  return a ? aggregationHelp(a, frame.commas) : undefined;
}

/** The call or aggregation the caret is in, looking through parentheses, braces and brackets of its arguments. */
function innermostCall(open: Frame[]): Frame | undefined {
  for (let i = open.length - 1; i >= 0; i--) {
    const f = open[i];
    if (f.role === 'call' || f.role === 'aggregate') {
      return f;
    }
    if (f.role !== 'paren' && f.role !== 'selector' && f.role !== 'range') {
      return undefined;
    }
  }
  return undefined;
}

function functionHelp(f: FunctionInfo, commas: number): PromQLSignatureHelp {
  const parameters = functionParameters(f);
  const repeats = f.variadic < 0 || f.variadic > 1;
  const activeParameter = repeats && parameters.length ? Math.min(commas, parameters.length - 1) : commas;
  return { label: signature(f), parameters, activeParameter, documentation: docWithExample(f.doc, f.example) };
}

function aggregationHelp(a: AggregationInfo, commas: number): PromQLSignatureHelp {
  const parameters: PromQLParameter[] = [];
  if (a.param) {
    parameters.push({ label: `${a.paramName ?? 'parameter'} ${WORDS[a.param] ?? a.param}`, documentation: `Required ${WORDS[a.param] ?? a.param}, before the vector.` });
  }
  parameters.push({ label: 'v instant-vector', documentation: 'The instant vector to aggregate.' });
  return { label: aggregationSignature(a), parameters, activeParameter: commas, documentation: docWithExample(a.doc, a.example) };
}

function docWithExample(doc: string, example: string | undefined): string {
  return example ? `${doc}\n\nExample:\n\n\`\`\`promql\n${example}\n\`\`\`` : doc;
}
