import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge.js';
import { installFolderDrop } from './folder-drop.js';

const { bridge, deliver } = createBridge({
  invoke: (channel, name, arg) => ipcRenderer.invoke(channel, name, arg),
  on: (channel, listener) => {
    ipcRenderer.on(channel, (event, name: unknown, payload: unknown) => listener(event, name, payload));
  },
});

contextBridge.exposeInMainWorld('eventfold', bridge);

installFolderDrop(document, {
  pathOf: (file) => webUtils.getPathForFile(file),
  invoke: (name, arg) => bridge.invoke(name, arg),
  deliver,
});
