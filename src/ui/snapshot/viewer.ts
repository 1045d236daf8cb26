/**
 * Entry of the standalone snapshot viewer: the script inlined into every snapshot file. It reads the
 * payload from the page's JSON data element, checks it like any untrusted input, and mounts the viewer.
 * Built on its own (vite.viewer.config.ts) as one classic script and one stylesheet.
 */
import { mount } from 'svelte';
import '../theme.css';
import './viewer-page.css';
import SnapshotViewer from './SnapshotViewer.svelte';
import { PAYLOAD_ELEMENT_ID, ROOT_ELEMENT_ID } from '../../snapshot/html';
import { parsePayload } from '../../snapshot/parse';
import { errorText, i18nFor, isLang } from '../../i18n';

const target = document.getElementById(ROOT_ELEMENT_ID) ?? document.body;
try {
  const data = document.getElementById(PAYLOAD_ELEMENT_ID)?.textContent ?? '';
  mount(SnapshotViewer, { target, props: { payload: parsePayload(JSON.parse(data)) } });
} catch (e) {
  const p = document.createElement('p');
  p.className = 'snapshot-error';
  const lang = document.documentElement.lang;
  const { t } = i18nFor(isLang(lang) ? lang : 'en');
  p.textContent = t('snapshot.error', { message: errorText(t, e) });
  target.replaceChildren(p);
}
