/**
 * The stack generator: options in, a map of relative path → file text out, and a plan of how to write those files
 * into a folder that may already hold some of them. Pure (no file system, no clock): the CLI, the VS Code wizard and
 * the tests share it.
 */
export {
  CHANNELS,
  CHANNEL_LABELS,
  COMPONENTS,
  COMPONENT_LABELS,
  DEFAULT_PORTS,
  defaultOptions,
  fullOptions,
  type AppTarget,
  type Channel,
  type Component,
  type Flavour,
  type PublishedComponent,
  type ScaffoldOptions,
} from './options';
export { validateOptions, type OptionProblem } from './validate';
export { generateStack, InvalidOptionsError } from './generate';
export { planWrite, writtenPaths, UnsafePathError, type PlanOptions, type WriteAction } from './planWrite';
export { unsafePathReason } from './paths';
export { formatPorts, formatTarget, parsePorts, parseStackFolder, parseTarget } from './userInput';
export { checkStack, type StackFinding } from './check';
