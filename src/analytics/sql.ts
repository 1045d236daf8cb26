/** The analytics library quotes through the one leaf module every part of Longtail uses. */
export { ident, lit, dateLit } from '../sql/quote';
