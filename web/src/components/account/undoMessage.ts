import { h } from 'vue';
import { ElMessage } from 'element-plus/es/components/message/index';

/**
 * Says a record was deleted, with a button that brings it back (`undo`, which restores it)
 * for as long as the message shows. `test` names the hooks: `${test}-deleted`, `${test}-undo`.
 */
export function showDeleted(text: string, undoLabel: string, test: string, undo: () => void): void {
  const message = ElMessage.success({
    duration: 8000,
    message: h('span', { 'data-test': `${test}-deleted` }, [
      text,
      ' ',
      h(
        'button',
        {
          type: 'button',
          class: 'el-button el-button--primary is-link',
          'data-test': `${test}-undo`,
          onClick: () => {
            message.close();
            undo();
          },
        },
        undoLabel,
      ),
    ]),
  });
}
