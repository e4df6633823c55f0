// Stands in for `marketsplit/server` when the README's store recipes run in tests/stores/: the
// node build's InstamojoClient and the stores' sources (the packed package is tested in tests/pkg/).
import { loadLib } from "./clients.mjs";

export const { InstamojoClient, MarketsplitError } = loadLib();
export { postgresTokenStore, redisTokenStore } from "../../pkg-template/stores/index.js";
