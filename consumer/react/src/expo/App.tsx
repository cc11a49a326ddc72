import * as SecureStore from 'expo-secure-store';
import { useState } from 'react';
import { Pressable, Text, TextInput, View } from 'react-native';
import { formatCountdown } from '@verifik-auth/core';
import { useCountdown, useVerifikLoginContext, VerifikLoginProvider } from '@verifik-auth/react';
import { secureStorage } from './secure-storage';

const storage = secureStorage(SecureStore);

export default function App() {
  return (
    <VerifikLoginProvider baseUrl="http://127.0.0.1:4010" storage={storage}>
      <LoginScreen />
    </VerifikLoginProvider>
  );
}

function LoginScreen() {
  const login = useVerifikLoginContext();
  const [phone, setPhone] = useState('');
  const [otp, setOtp] = useState('');
  const expiresIn = useCountdown(login.otpExpiresAt);
  if (login.step === 'restoring') return <Text>Loading…</Text>;
  if (login.step === 'authenticated')
    return (
      <View>
        <Text>Signed in as {login.session?.maskedIdentifier}</Text>
        <Pressable accessibilityRole="button" onPress={login.logout}>
          <Text>Log out</Text>
        </Pressable>
      </View>
    );
  if (login.step === 'awaitingOtp' || login.step === 'confirming')
    return (
      <View>
        <Text>
          Code sent to {login.maskedIdentifier}; it expires in {formatCountdown(expiresIn)}.
        </Text>
        <TextInput
          value={otp}
          onChangeText={setOtp}
          accessibilityLabel="Verification code"
          keyboardType="number-pad"
          textContentType="oneTimeCode"
          autoComplete="sms-otp"
          maxLength={6}
        />
        <Pressable accessibilityRole="button" disabled={login.busy} onPress={() => login.submitOtp(otp)}>
          <Text>Verify</Text>
        </Pressable>
        {login.error && <Text accessibilityRole="alert">{login.error.message}</Text>}
      </View>
    );
  return (
    <View>
      <TextInput
        value={phone}
        onChangeText={setPhone}
        accessibilityLabel="Phone number"
        keyboardType="phone-pad"
        textContentType="telephoneNumber"
        autoComplete="tel"
      />
      <Pressable
        accessibilityRole="button"
        disabled={login.busy}
        onPress={() => login.sendPhone({ countryCode: '+1', phone })}
      >
        <Text>Send code</Text>
      </Pressable>
      {login.fieldErrors.phone && <Text>{login.fieldErrors.phone.message}</Text>}
      {login.error && <Text accessibilityRole="alert">{login.error.message}</Text>}
    </View>
  );
}
