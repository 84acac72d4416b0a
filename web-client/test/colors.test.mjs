import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PALETTE, assignColors, colorForName, contrastWithWhite, isHexColor } from '../src/presence/colors.js';

const NAMES = ['Aino', 'Ben', 'Chiara', 'Dagný', 'Eero', 'Fatima', 'Gints', 'Hanna', 'Ieva', 'Jonas', 'Katrin',
  'Lars', 'Maarja', 'Niels', 'Oona', 'Paweł', 'Rasmus', 'Sigrún', 'Tõnu', 'Ulla', 'Vytautas', 'Wiebke',
  'Žygimantas', 'Åsa', 'Ørjan', '李娜', 'Анна', 'Ibrahim', 'Mette', 'Kristjan'];

describe('colour per user', () => {
  it('is stable: the same name, the same colour, whatever the spacing or case', () => {
    assert.equal(colorForName('Aino'), colorForName('Aino'));
    assert.equal(colorForName('  aino '), colorForName('Aino'));
  });

  it('comes from a palette of distinct #rrggbb colours', () => {
    assert.equal(new Set(PALETTE).size, PALETTE.length);
    for (const name of NAMES) {
      assert.ok(PALETTE.includes(colorForName(name)), name);
      assert.ok(isHexColor(colorForName(name)));
    }
    assert.ok(new Set(NAMES.map(colorForName)).size >= PALETTE.length - 2, 'names spread over the palette');
  });

  it('is dark enough for the white name label (WCAG AA)', () => {
    for (const color of PALETTE) assert.ok(contrastWithWhite(color) >= 4.5, `${color}: ${contrastWithWhite(color)}`);
  });

  it('differs for different names in one document, even when their names hash alike', () => {
    const clash = NAMES.filter((name) => colorForName(name) === colorForName('Aino'));
    assert.ok(clash.length > 1, 'the sample has names sharing a preferred colour');
    const colors = assignColors(clash);
    assert.equal(new Set(colors.values()).size, clash.length);
    assert.equal(colors.get(clash[0]), colorForName(clash[0]), 'the first keeps its own colour');
    const twelve = assignColors(NAMES.slice(0, PALETTE.length));
    assert.equal(new Set(twelve.values()).size, PALETTE.length);
  });

  it('reuses colours only once there are more people than colours', () => {
    const colors = assignColors(NAMES);
    assert.equal(colors.size, NAMES.length);
    for (const color of colors.values()) assert.ok(PALETTE.includes(color));
  });

  it('accepts only #rrggbb from other clients', () => {
    assert.ok(isHexColor('#A1b2c3'));
    for (const bad of ['red', '#abc', '#a1b2c3; background:url(x)', 'url(x)', null, 123]) assert.ok(!isHexColor(bad), String(bad));
  });
});
