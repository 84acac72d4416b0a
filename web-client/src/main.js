import 'quill/dist/quill.core.css';
import 'quill-cursors/css';
import './styles/app.css';
import { startApp } from './app.js';

startApp({ root: document.getElementById('app') });
