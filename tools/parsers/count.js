#!/usr/bin/env node
// Print, as JSON, what fountain-js and afterwriting's parser (aw-parser) see in Fountain files:
//   node count.js FILE... -> {"FILE": {"fountain-js": {...}, "afterwriting": {...}}, ...}
// Counts: section, synopsis, scene_heading, character, dialogue, note (plus every other type).
'use strict';
const fs = require('fs');
const path = require('path');
const { Fountain } = require('fountain-js');

// afterwriting parses with aw-parser: load the copy afterwriting itself depends on.
const awDir = path.dirname(require.resolve('afterwriting/package.json'));
const awParser = require(require.resolve('aw-parser', { paths: [awDir] })).parser;

// afterwriting drops sections, synopses and notes unless told to print them.
const AW_CONFIG = {
  print_title_page: true, print_sections: true, print_synopsis: true, print_notes: true,
  print_headers: true, print_actions: true, print_dialogues: true,
  double_space_between_scenes: false, use_dual_dialogue: true, merge_empty_lines: true,
  each_scene_on_new_page: false, split_dialogue: true,
};

function tally(types) {
  const counts = {};
  for (const t of types) counts[t] = (counts[t] || 0) + 1;
  return counts;
}

function fountainJs(text) {
  const parsed = new Fountain().parse(text, true);
  return tally(parsed.tokens.map((t) => t.type));
}

function afterwriting(text) {
  const parsed = awParser.parse(text, AW_CONFIG);
  return tally(parsed.tokens.filter((t) => t.type !== 'separator').map((t) => t.type));
}

const out = {};
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  out[file] = { 'fountain-js': fountainJs(text), afterwriting: afterwriting(text) };
}
process.stdout.write(JSON.stringify(out) + '\n');
