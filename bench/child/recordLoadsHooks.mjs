// Module customization hooks (registered with module.register) that report
// the URL of every module the ESM loader loads, CommonJS entry points included,
// to the main thread through the port handed over in `data`.
let port;

export function initialize(data) {
  port = data.port;
}

export async function load(url, context, nextLoad) {
  port?.postMessage(url);
  return nextLoad(url, context);
}
