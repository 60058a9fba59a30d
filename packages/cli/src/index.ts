export { type ClassifiedError, classifyError } from './classify-error.ts';
export { CliError } from './cli-error.ts';
export { type CliIo, type CliWritable, processIo } from './cli-io.ts';
export type { BodySpec, CliTlsOptions, ResolvedCliOptions } from './cli-options.ts';
export { EXIT_CODES, type ExitCode } from './exit-codes.ts';
export type { FormFieldSpec } from './form-field.ts';
export { main } from './main.ts';
export { HelpShown, type ParseOutput, parseCliArgs } from './parse-args.ts';
