import { render } from 'preact';

render(<main>Web4 Trust</main>, document.getElementById('app')!);
