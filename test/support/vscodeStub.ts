// A stand-in `vscode` module for loading the extension in plain node: the shipped bundle (the
// exports check) or src/extension itself (the hostile-server matrix). The parts the extension
// relies on are real (SecretStorage, Memento, EventEmitter, commands, configuration, the log
// channel, notifications); everything else is an inert object that accepts any call.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

type Listener<T> = (event: T) => unknown;

class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(event: T): void {
    for (const listener of [...this.listeners]) listener(event);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

/** Anything not modelled: callable, constructible, every property another inert value. */
function inert(name: string): unknown {
  const target = function () {
    return undefined;
  };
  return new Proxy(target, {
    get(_t, key) {
      if (key === 'then') return undefined; // not a thenable
      if (key === Symbol.toPrimitive) return () => `[stub ${name}]`;
      if (key === 'dispose') return () => undefined;
      return inert(`${name}.${String(key)}`);
    },
    apply() {
      return inert(`${name}()`);
    },
    construct(_t, _args, newTarget) {
      return Object.create((newTarget as { prototype: object }).prototype ?? null) as object;
    },
  });
}

/** An object with the given members; any other member is inert. */
function partial<T extends object>(name: string, members: T): T {
  return new Proxy(members, {
    get(target, key, receiver) {
      if (Reflect.has(target, key)) return Reflect.get(target, key, receiver);
      if (key === 'then' || typeof key === 'symbol') return undefined;
      return inert(`${name}.${String(key)}`);
    },
  });
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  get path(): string {
    return this.fsPath;
  }
  static file(fsPath: string): Uri {
    return new Uri('file', fsPath);
  }
  static parse(text: string): Uri {
    return new Uri(text.split(':')[0] ?? 'file', text.replace(/^file:\/\//, ''));
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, path.join(base.fsPath, ...parts));
  }
  with(): Uri {
    return this;
  }
  toString(): string {
    return `${this.scheme}://${this.fsPath}`;
  }
}

export interface ShownMessage {
  severity: 'error' | 'warn' | 'info';
  message: string;
  items: string[];
}

export interface VscodeStub {
  /** The module object `require('vscode')` returns. */
  module: Record<string, unknown>;
  secrets: Map<string, string>;
  globalState: Map<string, unknown>;
  settings: Map<string, unknown>;
  /** Every line written to any output channel. */
  logLines: string[];
  /** Every notification shown through vscode.window.show*Message. */
  messages: ShownMessage[];
  /** Registered command handlers by id. */
  commands: Map<string, (...args: unknown[]) => unknown>;
  /** A new ExtensionContext over the same SecretStorage and globalState (a window reload). */
  newContext(): { subscriptions: Array<{ dispose(): unknown }> } & Record<string, unknown>;
  /** Makes `require('vscode')` return this stub (until the returned function is called). */
  install(): () => void;
}

export function createVscodeStub(extensionPath: string): VscodeStub {
  const secrets = new Map<string, string>();
  const globalState = new Map<string, unknown>();
  const settings = new Map<string, unknown>();
  const logLines: string[] = [];
  const messages: ShownMessage[] = [];
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const secretChanges = new EventEmitter<{ key: string }>();
  const configChanges = new EventEmitter<unknown>();

  const show = (severity: ShownMessage['severity']) => (message: string, ...rest: unknown[]) => {
    messages.push({ severity, message, items: rest.filter((item): item is string => typeof item === 'string') });
    return Promise.resolve(undefined);
  };
  const channel = (name: string) => {
    const write = (level: string) => (line: string) => void logLines.push(`[${name}] ${level} ${line}`);
    return partial('outputChannel', {
      trace: write('trace'),
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      append: write('append'),
      appendLine: write('line'),
      show: () => undefined,
      dispose: () => undefined,
    });
  };

  const module: Record<string, unknown> = {
    EventEmitter,
    Uri,
    Disposable: class {
      constructor(private readonly onDispose: () => unknown = () => undefined) {}
      dispose() {
        this.onDispose();
      }
      static from(...items: Array<{ dispose(): unknown }>) {
        return { dispose: () => items.forEach((item) => item.dispose()) };
      }
    },
    TreeItem: class {
      constructor(
        public label?: unknown,
        public collapsibleState?: unknown,
      ) {}
    },
    ThemeIcon: class {
      constructor(readonly id: string) {}
    },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    InputBoxValidationSeverity: { Info: 1, Warning: 2, Error: 3 },
    QuickInputButtons: { Back: { iconPath: 'back' } },
    env: partial('env', { clipboard: { writeText: async () => undefined, readText: async () => '' }, language: 'en', remoteName: undefined }),
    window: partial('window', {
      createOutputChannel: (name: string) => channel(name),
      createTreeView: () => partial('treeView', { dispose: () => undefined }),
      registerWebviewPanelSerializer: () => ({ dispose: () => undefined }),
      onDidChangeWindowState: () => ({ dispose: () => undefined }),
      showErrorMessage: show('error'),
      showWarningMessage: show('warn'),
      showInformationMessage: show('info'),
      withProgress: (_options: unknown, task: (progress: unknown, token: unknown) => unknown) =>
        Promise.resolve(task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) })),
    }),
    commands: partial('commands', {
      registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
        commands.set(id, handler);
        return { dispose: () => commands.delete(id) };
      },
      executeCommand: async (id: string, ...args: unknown[]) => commands.get(id)?.(...args),
    }),
    workspace: partial('workspace', {
      workspaceFolders: undefined,
      getConfiguration: (section: string) => ({
        get: <T>(key: string, fallback?: T) => (settings.has(`${section}.${key}`) ? (settings.get(`${section}.${key}`) as T) : fallback),
        update: async (key: string, value: unknown) => void settings.set(`${section}.${key}`, value),
        // Everything set here counts as a User setting; there is no workspace.
        inspect: <T>(key: string) => ({ key: `${section}.${key}`, globalValue: settings.get(`${section}.${key}`) as T | undefined }),
      }),
      onDidChangeConfiguration: configChanges.event,
      fs: {
        stat: async (uri: Uri) => ({ size: (await fs.promises.stat(uri.fsPath)).size }),
        readFile: async (uri: Uri) => new Uint8Array(await fs.promises.readFile(uri.fsPath)),
        writeFile: async (uri: Uri, data: Uint8Array) => fs.promises.writeFile(uri.fsPath, data),
      },
    }),
    authentication: partial('authentication', { registerAuthenticationProvider: () => ({ dispose: () => undefined }) }),
  };

  const newContext = () => ({
    subscriptions: [] as Array<{ dispose(): unknown }>,
    extensionUri: Uri.file(extensionPath),
    extensionPath,
    logUri: Uri.file(path.join(extensionPath, 'logs')),
    extensionMode: 1,
    globalState: {
      get: <T>(key: string, fallback?: T) => (globalState.has(key) ? (structuredClone(globalState.get(key)) as T) : fallback),
      update: async (key: string, value: unknown) => {
        if (value === undefined) globalState.delete(key);
        else globalState.set(key, structuredClone(value));
      },
      keys: () => [...globalState.keys()],
      setKeysForSync: () => undefined,
    },
    secrets: {
      get: async (key: string) => secrets.get(key),
      store: async (key: string, value: string) => {
        secrets.set(key, value);
        secretChanges.fire({ key });
      },
      delete: async (key: string) => {
        secrets.delete(key);
        secretChanges.fire({ key });
      },
      onDidChange: secretChanges.event,
    },
  });

  return {
    module,
    secrets,
    globalState,
    settings,
    logLines,
    messages,
    commands,
    newContext,
    install() {
      const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
      const original = loader._load;
      loader._load = function (request: string, parent: unknown, isMain: boolean) {
        if (request === 'vscode') return module;
        return original.call(this, request, parent, isMain);
      };
      return () => {
        loader._load = original;
      };
    },
  };
}

let shared: VscodeStub | undefined;

/**
 * The one stub of this process, installed for good. src/extension modules bind `vscode` when
 * they are first loaded, so every test file that loads them must share one stub.
 */
export function sharedVscodeStub(): VscodeStub {
  if (!shared) {
    shared = createVscodeStub(fs.mkdtempSync(path.join(os.tmpdir(), 'helpscout-stub-')));
    shared.install();
  }
  return shared;
}
