import { type CategoryModel, loadCategoryModel } from './model.ts';
import committed from './weights.json' with { type: 'json' };

/** Where the committed model lives; evals/triage/train-categories.ts writes it. */
export const CATEGORY_WEIGHTS_FILE = new URL('./weights.json', import.meta.url);

// Imported as a module, not read from disk: clinical/ does no I/O, and the weights ship with the code.
export const categoryModel = loadCategoryModel(committed as unknown as CategoryModel);
