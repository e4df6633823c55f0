// The npm README's token-store recipes (```js test:redis, test:postgres, test:store blocks) run
// against the Redis and PostgreSQL of this run and the simulator, each as its own Node process.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { DEFAULT_CREDENTIALS, startSimulator } from "../sim/simulator.mjs";
import { PG_URL, REDIS_URL, ROOT } from "./clients.mjs";

const readme = fs.readFileSync(path.join(ROOT, "pkg-template", "README.md"), "utf8");
const entry = pathToFileURL(path.join(ROOT, "tests", "stores", "server-entry.mjs")).href;
const blocks = [...readme.matchAll(/^```js test:(redis|postgres|store)\n([\s\S]*?)^```$/gm)].map((m) => ({
  kind: m[1],
  source: m[2].replaceAll('"marketsplit/server"', JSON.stringify(entry)),
  line: readme.slice(0, m.index).split("\n").length,
}));
// Under the repository, so that `redis`, `ioredis` and `pg` resolve from its node_modules.
const dir = path.join(ROOT, "tests", "out", `readme-stores-${process.pid}`);

let sim;
before(async () => {
  sim = await startSimulator();
  fs.mkdirSync(dir, { recursive: true });
});
after(async () => {
  await sim?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the README has a recipe for each store and for writing another", () => {
  assert.deepEqual([...new Set(blocks.map((b) => b.kind))].sort(), ["postgres", "redis", "store"]);
});

describe("README store recipes", () => {
  for (const block of blocks) {
    test(`${block.kind} recipe at README.md line ${block.line} runs, its tokens in the store`, async () => {
      const file = path.join(dir, `line-${block.line}.mjs`);
      fs.writeFileSync(file, block.source);
      const before = sim.requestsTo("instamojo.createPaymentRequest").filter((r) => r.status === 201).length;
      const env = {
        ...process.env,
        REDIS_URL,
        DATABASE_URL: PG_URL,
        INSTAMOJO_CLIENT_ID: DEFAULT_CREDENTIALS.instamojo.clientId,
        INSTAMOJO_CLIENT_SECRET: DEFAULT_CREDENTIALS.instamojo.clientSecret,
        INSTAMOJO_BASE_URL: sim.url,
        SELLER_PASSWORD: DEFAULT_CREDENTIALS.instamojo.users.seller,
      };
      try {
        await promisify(execFile)(process.execPath, [file], { cwd: dir, env, timeout: 30_000 });
      } catch (error) {
        assert.fail(`README.md line ${block.line} failed:\n${error.stdout}${error.stderr}`);
      }
      assert.equal(sim.requestsTo("instamojo.createPaymentRequest").filter((r) => r.status === 201).length, before + 1);
    });
  }
});
