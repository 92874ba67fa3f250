#!/usr/bin/env node
"use strict";

// node/bin.ts
var args = process.argv.slice(2);
var help = args.includes("--help") || args.includes("-h");
if (args[0] === "hook" && args[1] !== void 0 && !help) {
  const { hookMain } = require("./hook.cjs");
  void hookMain(args.slice(1));
} else {
  const { runCli } = require("./cli.cjs");
  void runCli(args).then((code) => {
    process.exitCode = code;
  });
}
