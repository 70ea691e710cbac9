#!/usr/bin/env node
import { runCli } from './main.js'

// The command-line front door; exit code 0 when done, 1 when anything failed.
process.exitCode = await runCli(process.argv.slice(2), process.env)
