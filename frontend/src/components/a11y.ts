/**
 * antd's Radio.Group forwards `role` and `aria-*` to its div but does not type `role`:
 * spread this to expose the group as a labelled radiogroup.
 */
export const radioGroupRole: object = { role: 'radiogroup' };
