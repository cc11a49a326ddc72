// @vitest-environment node
import type { LoginView } from '@verifik-auth/core';
import { createMockDevClient } from '@verifik-auth/mock-server';
import { type ComponentType, type ReactNode, useEffect, useState } from 'react';
import { act, create, type ReactTestRenderer } from 'react-test-renderer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AsyncStorageStandIn, createAsyncStorage } from '../test/async-storage.js';
import { mockUrl, uniquePhone } from '../test/mock.js';
import { installReactNativeGlobals } from '../test/react-native-env.js';

// Core and the binding are imported once React Native's globals are in place, so that whatever they
// read on import sees a phone's globals, not Node's.
let binding: typeof import('../index.js');
let restoreGlobals: () => void;

beforeAll(async () => {
  restoreGlobals = installReactNativeGlobals();
  binding = await import('../index.js');
});

afterAll(() => restoreGlobals());

// As React Native's Jest preset renders its components: host elements by name.
const host = <P,>(name: string) => name as unknown as ComponentType<P>;
const View = host<{ children?: ReactNode }>('View');
const Text = host<{ testID?: string; children?: ReactNode }>('Text');
const Button = host<{ testID: string; title: string; disabled?: boolean; onPress: () => void }>('Button');
const TextInput = host<{
  testID: string;
  value: string;
  onChangeText: (text: string) => void;
  keyboardType?: 'number-pad' | 'phone-pad';
  textContentType?: 'oneTimeCode' | 'telephoneNumber';
  autoComplete?: 'sms-otp' | 'tel';
}>('TextInput');

/** The screen an Expo app writes: phone, then code (with a countdown), then who is signed in. */
function LoginScreen({ login }: { login: LoginView }) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const left = binding.useCountdown(login.otpExpiresAt);
  if (login.step === 'authenticated') {
    return (
      <View>
        <Text testID="who">{login.session?.maskedIdentifier}</Text>
        <Button testID="refresh" title="Refresh" disabled={login.busy} onPress={login.refresh} />
        <Button testID="logout" title="Log out" onPress={login.logout} />
      </View>
    );
  }
  if (login.step === 'awaitingOtp' || login.step === 'confirming') {
    return (
      <View>
        <Text testID="left">{Math.ceil(left / 1000)}</Text>
        <TextInput
          testID="code"
          value={code}
          onChangeText={setCode}
          keyboardType="number-pad"
          textContentType="oneTimeCode"
          autoComplete="sms-otp"
        />
        <Button
          testID="confirm"
          title="Confirm"
          disabled={login.busy}
          onPress={() => login.submitOtp(code)}
        />
      </View>
    );
  }
  return (
    <View>
      <TextInput
        testID="phone"
        value={phone}
        onChangeText={setPhone}
        keyboardType="phone-pad"
        textContentType="telephoneNumber"
        autoComplete="tel"
      />
      <Button
        testID="send"
        title="Send code"
        disabled={login.busy}
        onPress={() => login.sendPhone({ countryCode: '+57', phone, gateway: 'sms' })}
      />
    </View>
  );
}

/** Records each step the screen showed, and the latest view. */
function useRecorded(login: LoginView, seen: Seen) {
  seen.view = login;
  useEffect(() => void seen.steps.push(login.step), [login.step, seen]);
}

interface Seen {
  steps: LoginView['step'][];
  view?: LoginView;
}

function HookApp({ storage, seen }: { storage: AsyncStorageStandIn; seen: Seen }) {
  const login = binding.useVerifikLogin({ baseUrl: mockUrl(), storage });
  useRecorded(login, seen);
  return <LoginScreen login={login} />;
}

function ProvidedScreen({ seen }: { seen: Seen }) {
  const login = binding.useVerifikLoginContext();
  useRecorded(login, seen);
  return <LoginScreen login={login} />;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `work`'s result, with whatever the app does meanwhile (a countdown tick) inside act(). */
async function during<T>(work: () => Promise<T>): Promise<T> {
  let result: T | undefined;
  await act(async () => {
    result = await work();
  });
  return result as T;
}

/** Lets the app run (timers, requests, storage) inside act() until `check` holds. */
async function until(check: () => boolean | Promise<boolean>, what: string, seen?: Seen) {
  const giveUpAt = Date.now() + 10_000;
  while (!(await during(async () => check()))) {
    if (Date.now() > giveUpAt) {
      const shown = seen?.view ? ` (step ${seen.view.step}, error ${seen.view.error?.code ?? 'none'})` : '';
      throw new Error(`Gave up waiting for ${what}${shown}.`);
    }
    await act(() => pause(10));
  }
}

const byId = (app: ReactTestRenderer, testID: string) => app.root.findByProps({ testID });

describe('React Native (no DOM, no BroadcastChannel, no navigator.locks, no web storage)', () => {
  it('logs in by phone, restores the session from async storage in a new actor, and logs out', async () => {
    expect(typeof document).toBe('undefined');
    expect(typeof BroadcastChannel).toBe('undefined');
    expect(typeof sessionStorage).toBe('undefined');
    expect(typeof localStorage).toBe('undefined');
    expect((navigator as { locks?: unknown }).locks).toBeUndefined();
    expect(typeof ReadableStream).toBe('undefined');

    const errors = vi.spyOn(console, 'error');
    const storage = createAsyncStorage();
    const dev = createMockDevClient(mockUrl());
    const phone = uniquePhone();

    // The first launch: the hook on its own.
    const first: Seen = { steps: [] };
    let app!: ReactTestRenderer;
    await act(() => {
      app = create(<HookApp storage={storage} seen={first} />);
    });
    await until(() => first.view?.step === 'idle', 'idle', first);
    await act(() => byId(app, 'phone').props.onChangeText(phone));
    await act(() => byId(app, 'send').props.onPress());
    await until(() => first.view?.step === 'awaitingOtp', 'the code step', first);
    expect(Number(byId(app, 'left').props.children)).toBeGreaterThan(0);

    const inbox = await during(() => dev.inbox());
    const code = inbox.filter((message) => message.phone === phone).at(-1)?.otp ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await act(() => byId(app, 'code').props.onChangeText(code));
    await act(() => byId(app, 'confirm').props.onPress());
    await until(() => first.view?.step === 'authenticated', 'authenticated', first);
    const token = first.view?.session?.accessToken;
    expect(token).toMatch(/^eyJ/);
    expect(byId(app, 'who').props.children).toBe(`+57 ••• ••• ${phone.slice(-4)}`);
    await until(() => storage.values.size === 1, 'the session in the store');
    const stored = JSON.parse(storage.values.get('verifik-auth.session') ?? '{}');
    expect(stored.session.accessToken).toBe(token);
    expect(first.steps).toEqual([
      'restoring',
      'idle',
      'sending',
      'awaitingOtp',
      'confirming',
      'authenticated',
    ]);
    await act(() => app.unmount());

    // The next launch: a new actor under the provider, restored from the store without a request.
    const requestsBefore = (await during(() => dev.requests())).length;
    const second: Seen = { steps: [] };
    await act(() => {
      app = create(
        <binding.VerifikLoginProvider baseUrl={mockUrl()} storage={storage}>
          <ProvidedScreen seen={second} />
        </binding.VerifikLoginProvider>,
      );
    });
    await until(() => second.view?.step === 'authenticated', 'the restored session', second);
    expect(second.steps).toEqual(['restoring', 'authenticated']);
    expect(second.view?.session?.accessToken).toBe(token);
    expect((await during(() => dev.requests())).length).toBe(requestsBefore);

    // A refresh takes the refresh lock: with no navigator.locks, the one of this JavaScript realm.
    await act(() => byId(app, 'refresh').props.onPress());
    const refreshDone = async () =>
      second.view?.busy === false && (await dev.requests()).length > requestsBefore;
    await until(refreshDone, 'the refresh', second);
    const requests = await during(() => dev.requests());
    expect(requests.slice(requestsBefore).map(({ route, status }) => [route, status])).toEqual([
      ['/v2/auth/session', 200],
    ]);
    const refreshed = second.view?.session?.accessToken;
    expect(refreshed).toMatch(/^eyJ/);
    await until(
      () => storage.values.get('verifik-auth.session')?.includes(refreshed ?? '-') === true,
      'the new token stored',
    );

    await act(() => byId(app, 'logout').props.onPress());
    await until(() => second.view?.step === 'idle', 'idle after logout', second);
    await until(() => storage.values.size === 0, 'the store emptied');
    await act(() => app.unmount());
    expect(errors).not.toHaveBeenCalled();
  });
});
