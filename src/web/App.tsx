export function App() {
  return (
    <main>
      <h1>Fulcrum</h1>
      <p>Lead and manage.</p>
    </main>
  );
}
