import { EventEmitter, languages, StatusBarAlignment, window, workspace } from 'vscode';
import type { Disposable, DocumentSelector, Event, StatusBarItem, TextEditor } from 'vscode';
import { statusView, type StatusInput } from './statusView';

/** What the item shows, as the e2e tests read it through the extension's exports (a status bar is not in the API). */
export interface StatusBarState {
  text: string;
  tooltip: string;
  accessibilityLabel: string;
  visible: boolean;
}

/**
 * The server's state in the status bar, shown while a Markdown report or a gazetteer file is the
 * active editor (elsewhere it would be noise); a click shows the output channel.
 */
export class IncidentStatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private readonly changed = new EventEmitter<void>();
  private readonly subscriptions: Disposable[];
  private visible = false;
  /** Fired after each change of what the item shows. */
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(
    /** The documents the item is shown for. */
    private readonly selector: DocumentSelector,
    showOutputCommand: string,
  ) {
    this.item = window.createStatusBarItem('incidentMarkup.status', StatusBarAlignment.Right, 100);
    this.item.name = 'Incident Markup';
    this.item.command = showOutputCommand;
    this.show('starting');
    this.subscriptions = [
      window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      // A document whose language mode changes is opened again with the new language.
      workspace.onDidOpenTextDocument(() => this.follow(window.activeTextEditor)),
    ];
    this.follow(window.activeTextEditor);
  }

  show(input: StatusInput): void {
    const view = statusView(input);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.accessibilityInformation = { label: view.accessibilityLabel, role: 'button' };
    this.changed.fire();
  }

  state(): StatusBarState {
    const tooltip = typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '');
    return { text: this.item.text, tooltip, accessibilityLabel: this.item.accessibilityInformation?.label ?? '', visible: this.visible };
  }

  private follow(editor: TextEditor | undefined): void {
    const visible = editor !== undefined && languages.match(this.selector, editor.document) > 0;
    if (visible === this.visible) return;
    this.visible = visible;
    if (visible) this.item.show();
    else this.item.hide();
    this.changed.fire();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
    this.changed.dispose();
  }
}
