import { ChangeDetectionStrategy, Component, effect } from '@angular/core';
import { localeKey } from '../../../demo-setup.js';
import { injectDemo } from './demo-settings.js';
import { LoginDemo } from './login-demo.js';

/** The whole demo: the login page, and the page's language kept on `<html lang>` and across reloads. */
@Component({
  selector: 'verifik-demo',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoginDemo],
  template: '<demo-login />',
})
export class App {
  constructor() {
    const { locale } = injectDemo();
    effect(() => {
      document.documentElement.lang = locale();
      sessionStorage.setItem(localeKey, locale());
    });
  }
}
