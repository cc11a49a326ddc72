import { mount } from 'svelte';
import Hello from './Hello.svelte';

mount(Hello, { target: document.getElementById('app') as HTMLElement });
