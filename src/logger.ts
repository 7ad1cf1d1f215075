/**
 * Where the SDK reports what it does. Messages never contain secrets.
 * Pass your own to route them into your logging; the default writes warnings
 * to stderr and debug lines only when `TAEGIS_SDK_DEBUG` is set.
 */
export interface TaegisLogger {
  /** Something worth knowing that did not stop the call (loose file permissions, an unwritable cache). */
  warn(message: string): void;
  /** Detail for troubleshooting (token source used, retries). */
  debug(message: string): void;
}

/** The default logger: warnings to stderr, debug lines when `TAEGIS_SDK_DEBUG` is set. */
export const defaultLogger: TaegisLogger = {
  warn(message) {
    process.stderr.write(`taegis-sdk: warning: ${message}\n`);
  },
  debug(message) {
    if (process.env["TAEGIS_SDK_DEBUG"]) process.stderr.write(`taegis-sdk: ${message}\n`);
  },
};

/** A logger that drops everything. */
export const silentLogger: TaegisLogger = { warn() {}, debug() {} };
