// Loads the IMR TextMate grammar the way VS Code does (vscode-textmate + oniguruma WASM), for tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export const SCOPE_NAME = 'text.imr-determination';
export const GRAMMAR_PATH = path.resolve(__dirname, '../../syntaxes/imr-determination.tmLanguage.json');

export interface ScopedToken {
	text: string;
	startIndex: number;
	endIndex: number;
	scopes: string[];
}

export interface TokenizedLine {
	line: string;
	tokens: ScopedToken[];
	stoppedEarly: boolean;
}

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

/** The grammar, loaded once per process (the WASM module can only be loaded once). */
export function loadImrGrammar(): Promise<vsctm.IGrammar> {
	grammarPromise ??= createGrammar();
	return grammarPromise;
}

async function createGrammar(): Promise<vsctm.IGrammar> {
	const wasmPath = require.resolve('vscode-oniguruma/release/onig.wasm');
	const wasm = fs.readFileSync(wasmPath);
	await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
	const registry = new vsctm.Registry({
		onigLib: Promise.resolve({
			createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
			createOnigString: (text: string) => new oniguruma.OnigString(text),
		}),
		loadGrammar: async (scopeName: string) => {
			if (scopeName !== SCOPE_NAME) {
				return null;
			}
			return vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH);
		},
	});
	const grammar = await registry.loadGrammar(SCOPE_NAME);
	if (!grammar) {
		throw new Error(`Grammar ${SCOPE_NAME} could not be loaded from ${GRAMMAR_PATH}`);
	}
	return grammar;
}

/**
 * Tokenizes a whole text line by line, carrying the rule stack across lines as an editor does.
 * Lines are split on "\n" only, so a CRLF file keeps its "\r" at line ends, which the grammar must tolerate.
 */
export function tokenizeText(grammar: vsctm.IGrammar, text: string): TokenizedLine[] {
	let ruleStack = vsctm.INITIAL;
	return text.split('\n').map((line) => {
		const result = grammar.tokenizeLine(line, ruleStack);
		ruleStack = result.ruleStack;
		return {
			line,
			stoppedEarly: result.stoppedEarly,
			tokens: result.tokens.map((token) => ({
				text: line.slice(token.startIndex, Math.min(token.endIndex, line.length)),
				startIndex: token.startIndex,
				endIndex: token.endIndex,
				scopes: token.scopes,
			})),
		};
	});
}
