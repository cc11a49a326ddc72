import { Login } from './login';

export default function Home() {
  return (
    <main>
      <h1>Log in</h1>
      <Login />
    </main>
  );
}
