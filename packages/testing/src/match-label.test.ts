import { loginLabels } from '@verifik-auth/core';
import { describe, expect, it } from 'vitest';
import { matchLabel } from './match-label.js';

describe('matchLabel', () => {
  it('reads the placeholders back out of a filled label, in either locale', () => {
    expect(matchLabel(loginLabels.en.attempts, 'Wrong attempts: 2')).toStrictEqual({ count: '2' });
    expect(
      matchLabel(loginLabels.es.codeSentTo, 'Enviamos un código a u•••@example.com por correo.'),
    ).toStrictEqual({ target: 'u•••@example.com', channel: 'correo' });
  });

  it('treats the template text literally and refuses text that is not the template', () => {
    expect(matchLabel('Expires (soon) in {time}.', 'Expires (soon) in 0:42.')).toStrictEqual({
      time: '0:42',
    });
    expect(matchLabel('Expires (soon) in {time}.', 'Expires soon in 0:42.')).toBeNull();
    expect(matchLabel(loginLabels.en.attempts, 'Attempts: 2')).toBeNull();
  });
});
