// One import for both: the class helper stays a plain function for server components, while
// Button is a client component (it waits for hydration before it takes clicks).
export { buttonClasses, type ButtonSize, type ButtonVariant } from './button-classes';
export { Button } from './client-button';
