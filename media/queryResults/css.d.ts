// Style sheets imported for their side effect: esbuild bundles them into media/dist/queryResults.css.
declare module '*.css';
