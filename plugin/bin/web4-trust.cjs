#!/usr/bin/env node
"use strict";

// builtin:node:fs
var node_fs_default = require("fs");

// builtin:node:os
var node_os_default = require("os");

// builtin:node:path
var node_path_default = require("path");

// node/code-cache.ts
var import_node_vm = require("node:vm");

// node/fs/errno.ts
function isErrno(error, code) {
  return error instanceof Error && error.code === code;
}

// node/fs/old-files.ts
function removeOlderThan(dir, maxAgeMs, now = Date.now(), only = () => true) {
  let names;
  try {
    names = node_fs_default.readdirSync(dir);
  } catch (error) {
    if (isErrno(error, "ENOENT")) return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names.filter(only)) {
    const file = node_path_default.join(dir, name);
    const stat = node_fs_default.statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile() && now - stat.mtimeMs > maxAgeMs) {
      node_fs_default.rmSync(file, { force: true });
      removed++;
    }
  }
  return removed;
}

// node/code-cache.ts
function cacheDir() {
  return node_path_default.join(process.env.XDG_CACHE_HOME || node_path_default.join(node_os_default.homedir(), ".cache"), "web4-trust");
}
function versionTag(source) {
  let sum = 0;
  for (let i = 0; i < source.length; i += 64) sum = Math.imul(sum, 31) + source.charCodeAt(i) | 0;
  return `${process.version}-${source.length}-${(sum >>> 0).toString(36)}`;
}
var OTHER_VERSIONS_KEPT_MS = 7 * 24 * 3600 * 1e3;
function loadCached(file, require2, variant = "") {
  const source = node_fs_default.readFileSync(file, "utf8");
  const tag = versionTag(source);
  const bundle = node_path_default.basename(file);
  const cache = node_path_default.join(cacheDir(), `${bundle}${variant && `-${variant}`}-${tag}.cache`);
  let cachedData;
  try {
    cachedData = node_fs_default.readFileSync(cache);
  } catch {
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}
})`;
  const script = new import_node_vm.Script(wrapper, { filename: file, ...cachedData && { cachedData } });
  const module2 = { exports: {} };
  script.runInThisContext()(module2.exports, require2, module2, file, node_path_default.dirname(file));
  const saveCache = () => {
    if (cachedData && !script.cachedDataRejected) return;
    try {
      node_fs_default.mkdirSync(node_path_default.dirname(cache), { recursive: true, mode: 448 });
      const temp = `${cache}.${process.pid}.tmp`;
      node_fs_default.writeFileSync(temp, script.createCachedData(), { mode: 384 });
      node_fs_default.renameSync(temp, cache);
      removeOlderThan(node_path_default.dirname(cache), OTHER_VERSIONS_KEPT_MS, Date.now(), (name) => name.startsWith(`${bundle}-`) && !name.endsWith(`-${tag}.cache`));
    } catch {
    }
  };
  return { exports: module2.exports, saveCache };
}

// node/bin.ts
var args = process.argv.slice(2);
var help = args.includes("--help") || args.includes("-h");
if (args[0] === "hook" && args[1] !== void 0 && !help) {
  const { exports: exports2, saveCache } = loadCached(`${__dirname}/hook.cjs`, require, /^[a-z-]{1,40}$/.test(args[1]) ? args[1] : "other");
  const { hookMain, logStrayError } = exports2;
  process.on("uncaughtException", logStrayError);
  void hookMain(args.slice(1)).then(({ written }) => {
    saveCache();
    if (written) process.exit();
    setTimeout(() => process.exit(), 2e3).unref();
  });
} else {
  const { exports: exports2, saveCache } = loadCached(`${__dirname}/cli.cjs`, require, /^[a-z-]{1,40}$/.test(args[0] ?? "") ? args[0] : "other");
  const { runCli } = exports2;
  void runCli(args).then((code) => {
    saveCache();
    process.exitCode = code;
  });
}
