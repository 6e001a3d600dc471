/** The sandbox page: one Sandbox (saved in localStorage) and the App around it. */
import { mount } from 'svelte';
import App from './App.svelte';
import { Shell } from './app/shell.ts';
import { browserStorage } from './prefs.ts';
import { browserIdleRunner } from './state/idle-runner.ts';
import { DEFAULT_OPTIONS, Sandbox } from './state/sandbox.svelte.ts';
import { keepClock } from './time/clock-pref.svelte.ts';
import './theme.css';

const storage = browserStorage();
const shell = new Shell(new Sandbox(storage, DEFAULT_OPTIONS, browserIdleRunner), storage);
// A first visit plays at 1x; a reload restores playing or paused and the speed.
keepClock(shell.sandbox, storage);
mount(App, { target: document.getElementById('app')!, props: { shell } });
// A scenario a reload interrupted plays on (app/scenario-run.ts).
void shell.actions.resumeInterrupted();
// The console works from here on (the browser benchmark reads this mark).
performance.mark('kvlab:mounted');
