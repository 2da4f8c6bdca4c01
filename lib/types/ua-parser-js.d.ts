// ua-parser-js 1.x (MIT) ships no types; only the part this project reads.
declare module "ua-parser-js" {
  type Named = { name?: string; version?: string };
  export type UAResult = { browser: Named & { major?: string }; os: Named; device: { vendor?: string; model?: string; type?: string } };
  export class UAParser {
    constructor(ua?: string);
    getResult(): UAResult;
  }
}
