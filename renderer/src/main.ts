import { mount } from 'svelte';
import App from './App.svelte';
import { connect } from './lib/api.ts';
import './styles.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');

connect()
  .then(() => mount(App, { target }))
  .catch((error: unknown) => {
    target.textContent = `Tradebrief could not reach its data: ${error instanceof Error ? error.message : String(error)}`;
    target.setAttribute('role', 'alert');
  });
