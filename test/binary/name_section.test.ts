import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule } from '../../src/binary/decoder.js';
import { decodeNameSection, EMPTY_NAMES } from '../../src/binary/name_section.js';
import { codeEntry, funcType, I32, SEC, section, str, u32, vec, wasmModule } from '../validate/wasm_builder.js';

const sub = (id: number, content: number[]): number[] => [id, ...u32(content.length), ...content];
const nameMap = (entries: [number, string][]): number[] => vec(entries.map(([i, n]) => [...u32(i), ...str(n)]));

/** A module with two functions and a `name` section with the given subsections. */
function withNames(...subsections: number[][]): Uint8Array {
  return wasmModule(
    section(SEC.type, vec([funcType([I32], [])])),
    section(SEC.function, vec([[0], [0]])),
    section(SEC.code, vec([codeEntry([[1, I32]], [0x0b]), codeEntry([], [0x0b])])),
    section(SEC.custom, [...str('name'), ...subsections.flat()]),
  );
}

test('module, function and local names', () => {
  const names = decodeModule(
    withNames(
      sub(0, str('mod')),
      sub(1, nameMap([[0, 'first'], [1, 'second']])),
      sub(2, vec([[0, ...nameMap([[0, 'p'], [1, 'tmp'], ])], [1, ...nameMap([])]])),
    ),
  ).names;
  assert.equal(names.module, 'mod');
  assert.deepEqual([...names.functions], [[0, 'first'], [1, 'second']]);
  assert.deepEqual([...names.locals.get(0)!], [[0, 'p'], [1, 'tmp']]);
  assert.equal(names.locals.get(1)!.size, 0);
});

test('unknown subsections (extended name section) are skipped', () => {
  const names = decodeModule(withNames(sub(1, nameMap([[1, 'f']])), sub(4, [0x01, 0x00, 0x01, 0x61]), sub(7, [0xff]))).names;
  assert.deepEqual([...names.functions], [[1, 'f']]);
});

test('a malformed name section is ignored, never an error', () => {
  const cases: [string, number[][]][] = [
    ['subsections out of order', [sub(1, nameMap([[0, 'a']])), sub(0, str('m'))]],
    ['duplicate subsection', [sub(1, nameMap([[0, 'a']])), sub(1, nameMap([[1, 'b']]))]],
    ['indices not increasing', [sub(1, nameMap([[1, 'a'], [0, 'b']]))]],
    ['bad UTF-8', [sub(0, [0x02, 0xc0, 0x80])]],
    ['subsection size mismatch', [[0x00, 0x05, ...str('m')]]],
    ['truncated', [[0x01, 0x7f, 0x01]]],
    ['subsection larger than the section', [[0x01, 0x80, 0x80, 0x04]]],
  ];
  for (const [what, subs] of cases) {
    const info = decodeModule(withNames(...subs));
    assert.equal(info.names, EMPTY_NAMES, what);
    assert.equal(info.customSections[0]!.name, 'name', what);
  }
});

test('only the first name section is decoded', () => {
  const bytes = wasmModule(
    section(SEC.custom, [...str('name'), ...sub(0, str('one'))]),
    section(SEC.custom, [...str('name'), ...sub(0, str('two'))]),
  );
  assert.equal(decodeModule(bytes).names.module, 'one');
});

test('decodeNameSection works on a byte range', () => {
  const content = Uint8Array.from([0xaa, ...sub(0, str('x')), 0xbb]);
  assert.equal(decodeNameSection(content, 1, content.length - 1)?.module, 'x');
  assert.equal(decodeNameSection(content, 1, content.length), null);
});
