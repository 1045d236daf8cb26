/**
 * Types for the two internal modules of sucrase (3.x) that the analysis of a cell uses: its parser,
 * which gives tokens with scope information, and the token-type enum. sucrase ships no declarations
 * for its ESM build paths, so only what we read is declared here.
 */
declare module 'sucrase/dist/esm/parser/index.js' {
  export interface SucraseToken {
    type: number;
    start: number;
    end: number;
    isType: boolean;
    /** IdentifierRole: 0 Access, 1 ExportAccess, 2 top-level, 3 function-scoped, 4 block-scoped declaration… */
    identifierRole: number | null;
  }
  export interface SucraseScope {
    startTokenIndex: number;
    endTokenIndex: number;
    isFunctionScope: boolean;
  }
  export function parse(
    input: string,
    isJSXEnabled: boolean,
    isTypeScriptEnabled: boolean,
    isFlowEnabled: boolean,
  ): { tokens: SucraseToken[]; scopes: SucraseScope[] };
}

declare module 'sucrase/dist/esm/parser/tokenizer/types.js' {
  export const TokenType: Record<string, number>;
}
