import { render } from 'solid-js/web';

function Hello() {
  return <p>Hello</p>;
}

render(() => <Hello />, document.getElementById('root') as HTMLElement);
