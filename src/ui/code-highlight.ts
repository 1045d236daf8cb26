/**
 * Syntax colours for the code editor, as CSS variables (theme.css): one set for the light theme and one
 * for the dark, each checked for WCAG AA contrast on the editor's background and on its active line.
 * CodeMirror's default style has fixed colours made for a white page.
 */
import { HighlightStyle } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

export const codeHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.operatorKeyword, t.modifier, t.controlKeyword, t.definitionKeyword], color: 'var(--code-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--code-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--code-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [t.typeName, t.className, t.standard(t.name)], color: 'var(--code-type)' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--code-function)' },
  { tag: [t.propertyName, t.attributeName, t.labelName], color: 'var(--code-property)' },
  { tag: [t.heading], color: 'var(--code-keyword)', fontWeight: 'bold' },
  { tag: [t.emphasis], fontStyle: 'italic' },
  { tag: [t.strong], fontWeight: 'bold' },
  { tag: [t.link, t.url], color: 'var(--code-type)', textDecoration: 'underline' },
  { tag: t.invalid, color: 'var(--danger)' },
]);
