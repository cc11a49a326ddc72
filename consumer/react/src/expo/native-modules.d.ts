// Stand-ins for the parts of react-native and expo-secure-store that the Expo recipe (App.tsx) uses. The
// fixture installs neither (react-native alone is 300 packages and 177 MB, a minute of npm ci; the
// expo-secure-store package pulls in all of expo as a peer), so the recipe is type-checked against the
// installed @verifik-auth packages and these declarations, copied from react-native 0.81's and
// expo-secure-store 57's own types for the props and functions used (narrowed to the values used).

declare module 'react-native' {
  import type { ComponentType, ReactNode } from 'react';

  export const View: ComponentType<{ children?: ReactNode }>;
  export const Text: ComponentType<{ children?: ReactNode; accessibilityRole?: 'alert' | 'text' }>;
  export const Pressable: ComponentType<{
    children?: ReactNode;
    accessibilityRole?: 'button';
    disabled?: boolean | null;
    onPress?: (() => void) | null;
  }>;
  export const TextInput: ComponentType<{
    value?: string;
    onChangeText?: (text: string) => void;
    accessibilityLabel?: string;
    keyboardType?: 'default' | 'number-pad' | 'phone-pad' | 'email-address';
    textContentType?: 'oneTimeCode' | 'telephoneNumber' | 'emailAddress';
    autoComplete?: 'sms-otp' | 'one-time-code' | 'tel' | 'email';
    maxLength?: number;
  }>;
}

declare module 'expo-secure-store' {
  export function getItemAsync(key: string): Promise<string | null>;
  export function setItemAsync(key: string, value: string): Promise<void>;
  export function deleteItemAsync(key: string): Promise<void>;
}
