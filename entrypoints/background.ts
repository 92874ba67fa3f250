export default defineBackground(() => {
  // Filled in by the background issue.
});
