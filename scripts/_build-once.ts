import { ensureBuild } from './lib/build';
ensureBuild().then((r) => console.log('built', JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });
