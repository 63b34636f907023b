/** A column of RecordList: its text comes from the row; a slot named by `key` may replace it. */
export interface RecordColumn<R> {
  key: string;
  label: string;
  width?: number;
  align?: 'left' | 'right';
  text: (row: R) => string;
}
