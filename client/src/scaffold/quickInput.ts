import * as vscode from 'vscode';
import type { Answer, InputStep, PickStep, StepFrame, WizardUi } from './wizard';

type Widget = vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;

/** Shows one step's widget; resolves once with its answer: a value, Back, or cancel (Escape, focus elsewhere is kept). */
function show<T>(widget: Widget, frame: StepFrame, wire: (finish: (a: Answer<T>) => void) => void): Promise<Answer<T>> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (a: Answer<T>) => {
      if (!done) {
        done = true;
        resolve(a);
        widget.dispose();
      }
    };
    widget.title = frame.title;
    widget.step = frame.step;
    widget.totalSteps = frame.totalSteps;
    widget.ignoreFocusOut = true;
    widget.buttons = frame.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    widget.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish({ kind: 'back' }));
    widget.onDidHide(() => finish({ kind: 'cancel' }));
    wire(finish);
    widget.show();
  });
}

/** The wizard's steps as VS Code quick picks and input boxes, with step numbers, Back and live validation. */
export const quickInputUi: WizardUi = {
  pick<T>(step: PickStep<T>): Promise<Answer<T[]>> {
    type Item = vscode.QuickPickItem & { value: T };
    const qp = vscode.window.createQuickPick<Item>();
    const items: Item[] = step.items.map((i) => ({ label: i.label, description: i.description, value: i.value }));
    qp.items = items;
    qp.canSelectMany = step.many;
    qp.matchOnDescription = true;
    qp.placeholder = step.placeholder;
    const picked = items.filter((_, k) => step.items[k].picked);
    if (step.many) {
      qp.selectedItems = picked;
    } else if (picked.length) {
      qp.activeItems = picked;
    }
    const chosen = () => (step.many ? qp.selectedItems : qp.selectedItems.length ? qp.selectedItems : qp.activeItems.slice(0, 1)).map((i) => i.value);
    // A quick pick has no validation line: a problem with the selection shows in the placeholder.
    const recheck = () => {
      const problem = step.check?.(chosen());
      qp.placeholder = problem ? `⚠ ${problem}` : step.placeholder;
      return problem;
    };
    return show<T[]>(qp as vscode.QuickPick<vscode.QuickPickItem>, step, (finish) => {
      qp.onDidChangeSelection(() => step.many && recheck());
      qp.onDidAccept(() => {
        const values = chosen();
        if (!recheck() && (step.many || values.length)) {
          finish({ kind: 'value', value: values });
        }
      });
    });
  },

  input(step: InputStep): Promise<Answer<string>> {
    const box = vscode.window.createInputBox();
    box.value = step.value;
    box.prompt = step.prompt;
    box.placeholder = step.placeholder;
    box.validationMessage = step.check(step.value);
    return show<string>(box, step, (finish) => {
      box.onDidChangeValue((v) => (box.validationMessage = step.check(v)));
      box.onDidAccept(() => {
        box.validationMessage = step.check(box.value);
        if (!box.validationMessage) {
          finish({ kind: 'value', value: box.value });
        }
      });
    });
  },
};
