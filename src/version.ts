/** The SDK's name, as sent in `User-Agent` and `apollographql-client-name`. */
export const SDK_NAME = "taegis-sdk";
/** The SDK's version, as sent in `User-Agent` and `apollographql-client-version`. Kept equal to package.json by a test. */
export const SDK_VERSION = "0.1.0";
