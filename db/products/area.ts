import { defineArea } from '../area.ts';
import { productsContract } from './contract.ts';
import { productsHandlers } from './queries.ts';

/** Top products: a pair's HS chapters, headings and codes with shares and change, and the pairs that have them. */
export const productsArea = defineArea(productsContract, productsHandlers);
