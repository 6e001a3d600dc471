/** The embed script (dist/kvrocks-lab.js): defines `<kvrocks-lab>`, and nothing else. */
import { defineKvrocksLab } from './element.ts';

defineKvrocksLab();
