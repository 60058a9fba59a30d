// Node: the real diagnostics_channel (subscribers see urlpool's request and connection events).
export { channel } from 'node:diagnostics_channel';
