// The stock sharedb client reads only `require('util').inherits`; in the browser there is no Node
// `util`, so vite.config.js points that import here instead of at an empty stub.
import inherits from 'inherits';

export { inherits };
export default { inherits };
