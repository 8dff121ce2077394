#!/usr/bin/env node
// Prisma's schema engine as a long-lived judge for the differential tester: one schema
// path (a .prisma file or a folder of them) per line on stdin, one JSON line per schema
// on stdout — {"accepted": true, "sql": "…"} with the SQL the engine generates from
// empty (`diff --offline --from-empty --to-schema`), or {"accepted": false, "error": "…"}
// when the engine refuses the schema. Loading the engine once makes a schema cost
// milliseconds instead of a Node start.
//
// Needs the oracle (../shared/tools/prisma-oracle) copied and installed with `npm ci`;
// its folder is the first argument.
//   node prisma_engine_server.mjs /tmp/drift-prisma-oracle < paths
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';

const oracleDir = path.resolve(process.argv[2] ?? '');
const lib = await import(pathToFileURL(path.join(oracleDir, 'engine-lib.mjs')).href);

let loaded = false;
async function judge(schemaPath) {
  if (!loaded) {
    lib.loadWasm();
    loaded = true;
  }
  globalThis.PRISMA_WASM_PANIC_REGISTRY.message = '';
  let engine;
  try {
    const target = lib.schemaTarget(schemaPath);
    engine = await lib.bg.SchemaEngine.new({ datamodels: target.files.map((f) => [f.path, f.content]) },
      () => {}, lib.makeAdapter({ offline: true }));
    const r = await engine.diff({ from: { tag: 'empty' }, to: target, script: true, exitCode: null,
      filters: { externalTables: [], externalEnums: [] } });
    return { accepted: true, sql: r.stdout ?? '' };
  } catch (e) {
    const panic = globalThis.PRISMA_WASM_PANIC_REGISTRY.message;
    if (panic) loaded = false;  // a panicked instance is not reused
    return { accepted: false, panic: !!panic, error: panic || String(e?.message ?? e) };
  } finally {
    try { engine?.free(); } catch {}
  }
}

const write = (text) => new Promise((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
const lines = readline.createInterface({ input: process.stdin, terminal: false });
for await (const line of lines) {
  if (!line.trim()) continue;
  await write(JSON.stringify(await judge(line.trim())) + '\n');
}
